// Types of scripts/man.mjs for the tests.
export const MAN_SECTIONS: [file: string, title: string][];
export function manPage(root: string, version: string): string;
