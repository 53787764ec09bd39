/** The few line icons the tool rail and the header use: 20-unit squares, drawn with the text colour. */
const PATHS = {
  select: 'M5 3l10 6-4.5 1.2L13 16l-2 1-2.5-5.6L5 14z',
  draw: 'M3 5h7M3 5v10h14V9M15 2v6M12 5h6',
  pan: 'M10 2v16M2 10h16M10 2l-2.5 2.5M10 2l2.5 2.5M10 18l-2.5-2.5M10 18l2.5-2.5M2 10l2.5-2.5M2 10l2.5 2.5M18 10l-2.5-2.5M18 10l-2.5 2.5',
  zoomIn: 'M8.5 3.5a5 5 0 100 10 5 5 0 000-10zM12.5 12.5L17 17M6 8.5h5M8.5 6v5',
  zoomOut: 'M8.5 3.5a5 5 0 100 10 5 5 0 000-10zM12.5 12.5L17 17M6 8.5h5',
  fit: 'M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4',
  classes: 'M2 10s3-5.5 8-5.5S18 10 18 10s-3 5.5-8 5.5S2 10 2 10zM10 7.5a2.5 2.5 0 100 5 2.5 2.5 0 000-5z',
  help: 'M7.5 7.5a2.5 2.5 0 115 0c0 1.7-2.5 2-2.5 4M10 14.5v.5M10 2a8 8 0 100 16 8 8 0 000-16z',
  settings: 'M10 6.5a3.5 3.5 0 100 7 3.5 3.5 0 000-7zM10 1.5v2.5M10 16v2.5M1.5 10H4M16 10h2.5M4 4l1.8 1.8M14.2 14.2L16 16M4 16l1.8-1.8M14.2 5.8L16 4',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
