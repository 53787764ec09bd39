import { useMapView } from '../../state/map-view';

/** Switches the workspace between the image viewer and the map of the project (M). */
export function MapButton() {
  const open = useMapView((s) => s.open);
  return (
    <button type="button" aria-pressed={open} title="The map of the project (M)" onClick={() => useMapView.getState().toggle()}>
      Map
    </button>
  );
}
