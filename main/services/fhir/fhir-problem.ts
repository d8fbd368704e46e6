/** One thing wrong with a bundle, named by the entry it is in. index -1: the bundle itself. */
export interface FhirProblem {
  index: number;
  resourceType: string;
  id: string;
  path: string;
  message: string;
}
