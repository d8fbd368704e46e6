import { useMemo, useState } from 'react';
import {
  LOCATION_KINDS,
  LOCATION_KIND_LABELS,
  locationPlacementProblem,
  type Location,
  type LocationKind,
} from '../../../common/domain/clinic';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Form, FormActions } from '../../ui/form';
import { SelectField, type SelectOption } from '../../ui/select-field';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { describeNode, locationTree, parentChoices } from './location-tree';

const KIND_OPTIONS: readonly SelectOption<LocationKind>[] = LOCATION_KINDS.map((kind) => ({ value: kind, label: LOCATION_KIND_LABELS[kind] }));

export interface LocationFormProps {
  /** Null: add a new location. Otherwise the location as it was when editing began. */
  location: Location | null;
  locations: readonly Location[];
  onSaved: (location: Location) => void;
  onCancel?: () => void;
}

export function LocationForm({ location, locations, onSaved, onCancel }: LocationFormProps) {
  const client = useClient();
  const [name, setName] = useState(location?.name ?? '');
  const [kind, setKind] = useState<LocationKind>(location?.kind ?? 'room');
  const [parentId, setParentId] = useState(location?.parentId ?? '');
  const form = useFormSubmit();

  const nodes = useMemo(() => locationTree(locations), [locations]);
  const choices = parentChoices(nodes, kind, location, locations);
  const topLevelProblem = locationPlacementProblem(kind, null);
  const parentOptions: SelectOption<string>[] = [
    { value: '', label: topLevelProblem ? 'Choose where it is…' : 'Nowhere: a top-level location' },
    ...choices.map((node) => ({ value: node.location.id, label: describeNode(node) })),
  ];
  // A parent that no longer suits the chosen kind is dropped rather than silently kept.
  const parentValue = parentOptions.some((o) => o.value === parentId) ? parentId : '';

  const submit = async () => {
    const input = {
      ...(location ? { id: location.id, expectedVersion: location.version } : {}),
      name,
      kind,
      ...(parentValue ? { parentId: parentValue } : {}),
    };
    const problem = checkInput('clinic.saveLocation', input);
    if (problem) return form.fail(problem);
    if (!parentValue && topLevelProblem) return form.fail({ code: 'VALIDATION', message: topLevelProblem, field: 'parentId' });
    const saved = await form.run(() => client.api.clinic.saveLocation(input));
    if (!saved) return;
    if (!location) {
      setName('');
    }
    onSaved(saved);
  };

  return (
    <Form
      title={location ? `Edit location: ${location.name}` : 'Add a location'}
      intro={
        form.error?.code === 'CONFLICT' && form.error.field === undefined ? (
          <p>Someone changed this location meanwhile. Cancel and open it again to see the latest details.</p>
        ) : (
          <p>Sites stand alone; departments sit in a site or another department; rooms in a site or department; workstations anywhere below a site.</p>
        )
      }
      form={form}
      onSubmit={() => void submit()}
      className="card"
    >
      <TextField label="Name" {...form.field('name')} value={name} onChange={setName} autoComplete="off" maxLength={120} required autoFocus={location !== null} />
      <SelectField label="Kind" {...form.field('kind')} value={kind} options={KIND_OPTIONS} onChange={setKind} required />
      <SelectField label="Inside" {...form.field('parentId')} value={parentValue} options={parentOptions} onChange={setParentId} required={topLevelProblem !== null} />
      <FormActions form={form} submitLabel={location ? 'Save location' : 'Add location'} onCancel={onCancel} />
    </Form>
  );
}
