// The People view's state (admins): everyone in the newsroom and its desks, read from the server,
// and the changes an admin makes to them. Each change shows the server's answer at once; a
// refusal becomes `error`, a sentence (the last active admin, a taken name).
import type { DeskInfo, NewPersonResponse, PersonChange, PersonInfo } from '../../../model/people-types.ts';
import type { Role } from '../../../model/roles.ts';
import type { Api } from './api.ts';
import { failure } from './failure.ts';import type { DeskLimits } from '../../../model/desk-limits.ts';


/** A new person as the form gives them. */
export interface NewPerson {
  username: string;
  displayName: string;
  role: Role;
  desks: string[];
  /** How they get in: a one-time setup link (the default) or a temporary password. */
  access: 'link' | 'password';
}

/** What to hand a person once, then never again: their setup link or temporary password. */
export interface HandOver {
  username: string;
  kind: 'link' | 'password';
  secret: string;
  /** When the link stops working. */
  expiresAt: number | null;
}

/** The people and desks of the newsroom, reactive. */
export class People {
  users = $state.raw<PersonInfo[]>([]);
  desks = $state.raw<DeskInfo[]>([]);
  loaded = $state(false);
  /** The last failure, as a sentence. */
  error = $state<string | null>(null);
  /** What was just made for someone, shown once with Copy. */
  handOver = $state<HandOver | null>(null);
  /** The last thing done, said to screen readers and sighted admins alike. */
  done = $state<string | null>(null);

  constructor(private readonly api: Api) {}

  /** The open desks, which take stories and members. */
  get openDesks(): DeskInfo[] {
    return this.desks.filter((desk) => !desk.archived);
  }

  /** A desk's name by id (an unknown id as itself). */
  deskName(id: string): string {
    return this.desks.find((desk) => desk.id === id)?.name ?? id;
  }

  /** Reads everyone and the desks. */
  async load(): Promise<void> {
    await this.act('load the people', async () => {
      const [users, desks] = await Promise.all([this.api.people(), this.api.desks()]);
      this.users = users;
      this.desks = desks;
    });
    this.loaded = true;
  }

  /** Adds a person; their setup link or temporary password becomes `handOver`. Resolves true when added. */
  add(person: NewPerson): Promise<boolean> {
    return this.act(`add ${person.username.trim() || 'the person'}`, async () => {
      const answer = await this.api.addPerson({
        username: person.username.trim(),
        displayName: person.displayName.trim() || undefined,
        role: person.role,
        desks: person.desks,
        ...(person.access === 'password' ? { temporaryPassword: true } : {}),
      });
      this.showPerson(answer.user);
      this.handOver = handOverOf(answer);
      this.done = `Added ${answer.user.displayName}.`;
    });
  }

  /** Changes a person's role, desks or status. */
  change(person: PersonInfo, change: PersonChange, what: string): Promise<boolean> {
    return this.act(`${what}`, async () => {
      this.showPerson(await this.api.changePerson(person.username, change));
    });
  }

  /** A new temporary password for `person` (their sessions end), shown once. */
  resetPassword(person: PersonInfo): Promise<boolean> {
    return this.act(`reset ${person.username}’s password`, async () => {
      const secret = await this.api.resetPassword(person.username);
      this.handOver = { username: person.username, kind: 'password', secret, expiresAt: null };
      this.done = `${person.displayName} has a new temporary password; they were signed out everywhere.`;
    });
  }

  /** Signs `person` out on every device. */
  signOutEverywhere(person: PersonInfo): Promise<boolean> {
    return this.act(`sign ${person.username} out`, async () => {
      const ended = await this.api.endSessions(person.username);
      this.done = `${person.displayName} was signed out everywhere (${ended} ${ended === 1 ? 'session' : 'sessions'} ended).`;
    });
  }

  /** Adds a desk. */
  addDesk(name: string): Promise<boolean> {
    return this.act(`add the desk ${name.trim()}`, async () => {
      this.showDesk(await this.api.addDesk(name.trim()));
    });
  }

  /** Renames, archives or reopens a desk. */
  changeDesk(desk: DeskInfo, change: { name?: string; archived?: boolean; limits?: DeskLimits }, what: string): Promise<boolean> {
    return this.act(what, async () => {
      this.showDesk(await this.api.changeDesk(desk.id, change));
    });
  }

  /** Forgets the hand-over once the admin has it. */
  dismissHandOver(): void {
    this.handOver = null;
  }

  // Runs one change: the error is cleared before and set, as a sentence, on a refusal.
  private async act(what: string, run: () => Promise<void>): Promise<boolean> {
    this.error = null;
    this.done = null;
    try {
      await run();
      return true;
    } catch (error) {
      this.error = failure(what, error);
      return false;
    }
  }

  private showPerson(person: PersonInfo): void {
    const others = this.users.filter((user) => user.id !== person.id);
    this.users = [...others, person].sort((a, b) => a.username.localeCompare(b.username));
  }

  private showDesk(desk: DeskInfo): void {
    const others = this.desks.filter((d) => d.id !== desk.id);
    this.desks = [...others, desk].sort((a, b) => a.name.localeCompare(b.name));
  }
}

// What the server answered to hand over, once.
function handOverOf(answer: NewPersonResponse): HandOver | null {
  if (answer.setupLink) return { username: answer.user.username, kind: 'link', secret: answer.setupLink, expiresAt: answer.setupExpiresAt ?? null };
  if (answer.temporaryPassword) return { username: answer.user.username, kind: 'password', secret: answer.temporaryPassword, expiresAt: null };
  return null;
}
