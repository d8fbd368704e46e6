// `npm run fhir -- <command>`: FHIR R4 export and import for IT (main/app/fhir-cli.ts).
import { runEntry } from './run-entry.mjs';

runEntry('fhir-cli');
