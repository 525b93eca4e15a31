import { useContext } from 'react';
import { WorkbenchContext, type Workbench } from './workbench-context.js';

/**
 * The shared pane state of the nearest `WorkbenchProvider`.
 *
 * @example
 * const { bodyText, setBodyText } = useWorkbench();
 */
export function useWorkbench(): Workbench {
  const value = useContext(WorkbenchContext);
  if (!value) throw new Error('useWorkbench outside WorkbenchProvider');
  return value;
}
