import type { PrivacyChoices } from '../../state/redaction';

/** The export dialog's privacy choices: what to hide in the exported copies, how, and whether to strip metadata. */
export function PrivacyOptions({ labels, value, onChange }: { labels: string[]; value: PrivacyChoices; onChange(next: PrivacyChoices): void }) {
  const set = (patch: Partial<PrivacyChoices>) => onChange({ ...value, ...patch });
  return (
    <fieldset>
      <legend>Privacy (exported copies only; the originals never change)</legend>
      <label>
        <input type="checkbox" checked={value.faces} onChange={(e) => set({ faces: e.target.checked })} /> Hide faces (BlazeFace)
      </label>
      <label>
        <input type="checkbox" checked={value.persons} onChange={(e) => set({ persons: e.target.checked })} /> Hide persons (CenterNet)
      </label>
      {labels.length > 0 && (
        <label>
          Hide boxes labelled{' '}
          <select multiple aria-label="Labels to hide" size={Math.min(4, labels.length)} value={value.labels} onChange={(e) => set({ labels: [...e.target.selectedOptions].map((o) => o.value) })}>
            {labels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        by{' '}
        <select aria-label="Redaction method" value={value.method} onChange={(e) => set({ method: e.target.value as PrivacyChoices['method'] })}>
          <option value="blur">blurring</option>
          <option value="pixelate">pixelating</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={value.stripMetadata} onChange={(e) => set({ stripMetadata: e.target.checked })} /> Strip all metadata (EXIF, GPS, XMP, IPTC) from exported images
      </label>
    </fieldset>
  );
}
