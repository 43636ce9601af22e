// Every colour on screen comes from here; NO_COLOR gets a theme without any.
import { createContext, useContext } from 'react';
import { COLOR_THEME, type Theme } from './theme-colours';

export { COLOR_THEME, NO_COLOR_THEME, themeFor, type Theme } from './theme-colours';

export const ThemeContext = createContext<Theme>(COLOR_THEME);
export const useTheme = () => useContext(ThemeContext);
