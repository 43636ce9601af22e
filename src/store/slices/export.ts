// Export from the table: every permission of the checkpoint, with project names, to a CSV file written atomically.
import { resolve } from 'node:path';
import { flashLine } from '../../api/errors';
import { scrubKeys } from '../../api/keys';
import { readDirectory } from '../../ops/directory';
import { exportFileName, exportRows, toCsv } from '../../ops/export';
import { writeNewFile, writeOutput, writesInto } from '../../ops/files';
import { plural } from '../text';
import type { ExportActions, SliceCreator } from '../types';

export const createExportSlice: SliceCreator<ExportActions> =
  ({ client, tasks, flashes, exportDir }) =>
  (set, get) => ({
    async exportPermissions() {
      flashes.clearStale();
      const { checkpoint } = get();
      if (checkpoint === undefined || flashes.refuseWhileBusy()) return;
      set({ busy: 'export', flash: { tone: 'info', text: 'Exporting every permission…' } });
      let path = exportFileName(checkpoint, 'csv');
      try {
        // Inside the try: the working directory itself may be gone.
        path = resolve(exportDir(), path);
        // Names are a help, not a must: a key that may not list projects still exports the permissions.
        const projects = await readDirectory(client, { signal: tasks.signal }).catch(() => undefined);
        const rows = await exportRows(client, checkpoint, { projects: projects ?? new Map(), signal: tasks.signal });
        // The same last guard as the command's output: nothing shaped like a key reaches the file.
        // Never over an earlier export (or any other file of that name): the next free `-2`, `-3`… instead. A FIFO or a
        // device put at that name is there to be written into.
        const text = scrubKeys(toCsv(rows));
        if (writesInto(path)) await writeOutput(path, text);
        else path = writeNewFile(path, text);
        const unnamed = projects === undefined ? ' (without project names: the projects could not be listed)' : '';
        // A narrow terminal cuts the directory, not the file's name.
        set({
          busy: null,
          flash: { tone: 'success', text: `Exported ${plural(rows.length, 'permission')} to ${path}${unnamed}`, path },
        });
      } catch (error) {
        set({ busy: null, flash: { tone: 'error', text: `Not exported: ${flashLine(error)}` } });
      }
    },
  });
