// The baseline of startup_ratio and table_ratio: the smallest Ink app, one <Text>, bundled with
// scripts/build.mjs's own esbuild options into bench/.build/minimal.mjs.
import { render, Text } from 'ink';

render(<Text>minimal ink app ready</Text>);
