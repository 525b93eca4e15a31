/**
 * The panes, in the order of the workflow (keys → compose → sign → send → decode → receiver → history), then the
 * saved requests of the collection.
 *
 * @example
 * PANE_IDS.indexOf('compose'); // 1
 */
export const PANE_IDS = ['keys', 'compose', 'sign', 'send', 'decode', 'receiver', 'history', 'collection'] as const;

/** One pane of the inspector. */
export type PaneId = (typeof PANE_IDS)[number];
