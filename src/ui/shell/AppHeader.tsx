import { useDialogs } from '../../state/dialogs';
import { useMapView } from '../../state/map-view';
import { Icon } from '../common/icons';
import { Menu } from '../common/Menu';
import { OfflineChips } from '../offline/OfflineChips';
import { ProjectSwitcher } from '../projects/ProjectSwitcher';
import { useHeaderMenus } from './header-menus';
import { shownKeys, useAction } from '../actions/useAction';

/** Images or the map of the project (M). */
function ViewSwitch() {
  const mapOpen = useMapView((s) => s.open);
  const setOpen = useMapView((s) => s.setOpen);
  return (
    <div className="view-switch" role="group" aria-label="View">
      <button type="button" aria-pressed={!mapOpen} onClick={() => setOpen(false)} title={`The images, one at a time (${shownKeys('map')} switches)`}>
        Images
      </button>
      <button type="button" aria-pressed={mapOpen} onClick={() => setOpen(true)} title={`The map of the project (${shownKeys('map')})`}>
        Map
      </button>
    </div>
  );
}

/** One slim row: the project, the menus, images or map, the offline and storage state, settings and help. */
export function AppHeader() {
  const menus = useHeaderMenus();
  const help = useAction('help', 'Keyboard shortcuts');
  return (
    <header className="app-header">
      <h1 className="brand">
        <span className="wide-only">Recognition </span>Workbench
      </h1>
      <ProjectSwitcher />
      <nav className="header-menus" aria-label="Menus">
        {menus.map((m) => (
          <Menu key={m.label} label={m.label} items={m.items} />
        ))}
      </nav>
      <ViewSwitch />
      <div className="header-end">
        <OfflineChips />
        <button type="button" className="icon-button" aria-label="Settings…" title="Settings: zip limits" onClick={() => useDialogs.getState().show('settings')}>
          <Icon name="settings" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Keyboard shortcuts"
          {...help}
        >
          <Icon name="help" />
        </button>
      </div>
    </header>
  );
}
