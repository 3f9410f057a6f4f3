// The story list as the app holds it, handed down to a story's fields without threading it through
// every component between: the slug field warns when another story of its desk and day has the slug.
import { getContext, setContext } from 'svelte';
import type { ArticleListItem } from '../../../model/api-types.ts';

/** The context key (exported for tests that render a story's fields with a list of their own). */
export const BUDGET_LIST = Symbol('budget-list');

/** Makes `read` (the current list) known to the components below the caller. */
export function provideBudgetList(read: () => readonly ArticleListItem[]): void {
  setContext(BUDGET_LIST, read);
}

/** The list provided above the caller; without one (a component on its own) no story is known. */
export function budgetList(): () => readonly ArticleListItem[] {
  return getContext<(() => readonly ArticleListItem[]) | undefined>(BUDGET_LIST) ?? (() => []);
}
