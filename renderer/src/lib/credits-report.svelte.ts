// The credits report: every credit in use, searchable, with CSV for the picture desk.
import type { CreditReport } from '../../../model/api-types.ts';
import type { Api } from './api.ts';

/** The report and its search, reactive. */
export class CreditsReport {
  query = $state('');
  entries = $state<CreditReport[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly api: Api) {}

  /** Loads the credits matching the current query. */
  async load(): Promise<void> {
    try {
      this.entries = await this.api.credits(this.query.trim());
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loaded = true;
    }
  }

  /** The whole report as CSV text. */
  csv(): Promise<string> {
    return this.api.creditsCsv();
  }
}
