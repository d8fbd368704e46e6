/** What a page shows while its data is on the way. */
export function LoadingMessage({ text = 'Loading…' }: { text?: string }) {
  return (
    <p className="loading-message" role="status">
      {text}
    </p>
  );
}
