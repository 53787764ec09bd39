/** A duration for people: "about 4 h 30 min", "about 12 min", "about 40 s". */
export function roughDuration(seconds: number): string {
  if (seconds >= 3600) return `about ${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
  if (seconds >= 60) return `about ${Math.round(seconds / 60)} min`;
  return `about ${Math.max(1, Math.round(seconds))} s`;
}
