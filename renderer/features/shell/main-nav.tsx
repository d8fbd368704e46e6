import { NavLink } from 'react-router';
import type { Permission } from '../../../common/domain/permissions';
import { PATHS } from './app-paths';
import { navItemsFor } from './nav-items';

/** The side navigation: only what the signed-in role may use (main enforces it anyway). */
export function MainNav({ permissions }: { permissions: readonly Permission[] }) {
  return (
    <nav aria-label="Main" className="main-nav">
      <ul className="main-nav__list">
        {navItemsFor(permissions).map((item) => (
          <li key={item.path}>
            <NavLink to={item.path} end={item.path === PATHS.home} className="main-nav__link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
