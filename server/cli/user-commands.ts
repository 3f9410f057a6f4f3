// `user list`, `user role`, `user desks`, `user disable` and `user enable` on the store: the same
// rules and audit entries as the app's People view (server/people/people.ts), made by the command
// line (audited with no user and `via: "cli"`). A running server on the same store signs a
// disabled account's sockets out at its next re-check of open sessions (every 4 s).
import { isRole, ROLES, type Role } from '../../model/roles.ts';
import { Accounts, UserInputError } from '../auth/accounts.ts';
import { People } from '../people/people.ts';
import { openStore } from '../storage/open-store.ts';
import type { DeskRecord, Store } from '../storage/store.ts';
import type { UserChangeCommand } from './args.ts';

/** The desks `wanted` names (a desk's id, or its name regardless of case); UserInputError naming the desks there are otherwise. */
function desksNamed(wanted: string[], desks: DeskRecord[]): string[] {
  return wanted.map((name) => {
    const desk = desks.find((d) => d.id === name || d.name.toLowerCase() === name.toLowerCase());
    if (!desk) throw new UserInputError(`there is no desk ${name}; the desks are: ${desks.map((d) => d.name).join(', ') || 'none yet'}`);
    return desk.id;
  });
}

/** One line per person: username, role, status, desks, last sign-in, display name. */
async function listLines(store: Store): Promise<string[]> {
  const deskNames = new Map((await store.listDesks()).map((desk) => [desk.id, desk.name]));
  return (await store.listPeople()).map((person) =>
    [
      person.username.padEnd(20),
      person.role.padEnd(9),
      (person.disabledAt === null ? 'active' : 'disabled').padEnd(9),
      (person.desks.map((id) => deskNames.get(id) ?? id).join(', ') || '-').padEnd(24),
      (person.lastSignInAt === null ? 'never' : new Date(person.lastSignInAt).toISOString()).padEnd(25),
      person.displayName,
    ].join(' '),
  );
}

/** Runs a user command against its store, printing what it did; UserInputError or HttpError when refused. */
export async function runUserCommand(command: UserChangeCommand, print: (line: string) => void): Promise<void> {
  if (command.command === 'user-role' && !isRole(command.role)) throw new UserInputError(`unknown role ${command.role}; use ${ROLES.join(', ')}`);
  const store = await openStore(command);
  try {
    if (command.command === 'user-list') return (await listLines(store)).forEach((line) => print(line));
    const people = new People(store, new Accounts(store));
    if (command.command === 'user-role') {
      const person = await people.change(command.username, { role: command.role as Role }, null);
      print(`${person.username} is now ${person.role}`);
    } else if (command.command === 'user-desks') {
      const person = await people.change(command.username, { desks: desksNamed(command.desks, await store.listDesks()) }, null);
      print(`${person.username} is on ${person.desks.length} desk(s)`);
    } else {
      const person = await people.change(command.username, { disabled: command.command === 'user-disable' }, null);
      print(person.disabled ? `${person.username} is disabled; their sessions have ended` : `${person.username} is enabled`);
    }
  } finally {
    await store.close();
  }
}
