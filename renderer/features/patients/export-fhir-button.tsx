import { useState } from 'react';
import { useClient } from '../../api/client-context';
import { Button } from '../../ui/button';

/**
 * Exports the patient's whole record as a FHIR R4 bundle and hands it to the browser (or Electron)
 * as a download; the export is audited in main like every view of clinical data.
 */
export function ExportFhirButton({ patientId, mrn }: { patientId: string; mrn: string }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const exportBundle = async () => {
    setBusy(true);
    setMessage(null);
    const result = await client.api.fhir.exportPatient({ patientId });
    setBusy(false);
    if (!result.ok) {
      setMessage({ ok: false, text: `The FHIR export failed: ${result.error.message}` });
      return;
    }
    const url = URL.createObjectURL(new Blob([result.value.json], { type: 'application/fhir+json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${mrn}-fhir-bundle.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    const total = Object.values(result.value.counts).reduce((n, c) => n + c, 0);
    setMessage({ ok: true, text: `Exported ${total} FHIR resources as ${link.download}` });
  };

  return (
    <>
      <Button variant="secondary" busy={busy} onClick={() => void exportBundle()}>
        Export FHIR bundle
      </Button>
      {message ? (
        <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'inline-notice' : 'inline-notice inline-notice--error'}>
          {message.text}
        </span>
      ) : null}
    </>
  );
}
