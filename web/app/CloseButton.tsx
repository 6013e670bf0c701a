// The close button of every panel and page overlay: one look (styles.css .close-button).
export function CloseButton({ label, title, onClose }: {
  /** Its accessible name ("Monitor sluiten"). */
  label: string;
  /** A hover hint, when the name alone does not say enough. */
  title?: string;
  onClose: () => void;
}) {
  return (
    <button type="button" className="close-button" onClick={onClose} title={title} aria-label={label}>
      <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
        <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="1.8" />
      </svg>
    </button>
  );
}
