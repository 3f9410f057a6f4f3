// Whether a person is told only about stories on their desks: their choice, kept on this device.

/** The key of `userId`'s choice in localStorage. */
const key = (userId: string) => `newsroom:${userId}:notify-my-desks`;

/** One person's notification choice, reactive. */
export class NotifyChoice {
  /** Tell only about stories on one of their desks. */
  myDesksOnly = $state(false);

  constructor(
    private readonly userId: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
  ) {
    this.myDesksOnly = storage.getItem(key(userId)) === 'true';
  }

  /** Changes and keeps the choice. */
  set(myDesksOnly: boolean): void {
    this.myDesksOnly = myDesksOnly;
    try {
      this.storage.setItem(key(this.userId), String(myDesksOnly));
    } catch {
      // Storage full or disabled: the choice holds until the app closes.
    }
  }
}
