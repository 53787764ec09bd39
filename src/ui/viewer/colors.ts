/** A colour per label that stays the same across images and sessions (derived from the label text). */
export function labelColor(label: string): string {
  let hash = 0;
  for (const char of label) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 85% 55%)`;
}
