// Names are added to the directory in place while it loads (issue 27 item 4: no copy of 10,000 projects per answer):
// what is on screen still shows a name the moment its answer arrives.
import { afterEach, expect, it } from 'vitest';
import { openTable, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

it('an open revoke dialog names the project once its lookup answers', async () => {
  ui = await startUi();
  const h = ui;
  const checkpoint = h.demo.checkpoints[0]!;
  await openTable(h, checkpoint);
  const target = h.demo.state.permissionsOf(checkpoint).reverse()[0]!;
  const name = h.demo.state.projects().find((p) => p.id === target.project_id)!.name;
  // As while the directory still loads: no name known yet.
  h.store.setState({ directory: { status: 'loading', byId: {}, active: [] } });
  await h.press('d');
  const asked = await h.waitForFrame((frame) => frame.includes('[y/N]'));
  expect(asked).toContain(target.project_id);
  expect(asked).not.toContain(name);
  await h.store.getState().lookUpProjects([target.project_id]);
  await h.waitForFrame((frame) => frame.includes(`${target.project_id} (${name})`));
});
