// What the in-process figures need from src, bundled with scripts/build.mjs's options into bench/.build/ui.mjs:
// the real App, store and client, rendered by the same Ink the binary carries.
export { render } from 'ink';
export { createElement } from 'react';
export { App } from '../../src/ui/App';
export { createAppStore } from '../../src/store/app-store';
export { memoryRecent } from '../../src/store/recent';
export { createClient } from '../../src/api/client';
export { themeFor } from '../../src/ui/theme';
export { pageSizeFor } from '../../src/cli/launch-ui';
