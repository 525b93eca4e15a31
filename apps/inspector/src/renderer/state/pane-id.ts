/**
 * The seven panes, in the order of the workflow (keys → compose → sign → send → decode → receiver → history).
 *
 * @example
 * PANE_IDS.indexOf('compose'); // 1
 */
export const PANE_IDS = ['keys', 'compose', 'sign', 'send', 'decode', 'receiver', 'history'] as const;

/** One pane of the inspector. */
export type PaneId = (typeof PANE_IDS)[number];
