// What the story's desk field needs from its page.
import type { DeskLimits } from '../../../model/desk-limits.ts';
import type { DeskInfo } from '../../../model/people-types.ts';

/** The story's desk as the page knows it, and how to change it. */
export interface DeskControl {
  /** The newsroom's desks (empty until read, or offline). */
  desks: DeskInfo[];
  /** The newsroom's default limits for a story on no desk or a desk that sets none (none until read). */
  defaultLimits?: DeskLimits;
  /** The story's desk id, and its name as the story list says it. */
  deskId: string | null;
  deskName: string;
  /** This user may move the story between desks (model/roles.ts `setDesk`). */
  canSet: boolean;
  /** Puts the story on `desk` (null: none); rejects with the server's refusal. */
  onchoose: (desk: DeskInfo | null) => Promise<void>;
}
