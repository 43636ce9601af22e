// A full walk from both ends at once: one cursor in the order asked, one in the other order, until they meet. Every
// item once, in the order asked (the far half is held and given reversed at the end), in about half the round trips
// one after another. Anything the meeting cannot vouch for (a server that ignores `order`, items gone meanwhile) falls
// back to the one-way walk from the front: slower, never wrong.
import { InvalidResponseError, MaxPagesError } from './errors';
import { DEFAULT_MAX_PAGES, FOLLOW_PAGE_SIZE, followPages, type FetchPage, type FollowOptions, type NextCursor } from './paginate';
import type { ListEnvelope, Order } from './types';

/** Where a page the walk made up came from: items [from, to) of a page the server sent, reversed when read from the far end. */
export interface PagePart<T> {
  source: ListEnvelope<T>;
  from: number;
  to: number;
  reversed: boolean;
}

const parts = new WeakMap<object, PagePart<unknown>>();

/** The server's page behind a page of a walk from both ends (the official CLI prints items as the server wrote them). */
export function partOf<T>(page: ListEnvelope<T>): PagePart<T> | undefined {
  return parts.get(page) as PagePart<T> | undefined;
}

/** A walk from both ends only when it reads everything from the start anyway: no budget, no start cursor, no fixed --limit. */
export function walksBothEnds(start: { after?: string; limit?: number }, options: FollowOptions): boolean {
  const full = options.maxItems === undefined || options.maxItems < 0;
  return options.bothEnds === true && full && start.after === undefined && !(options.limitAsGiven && start.limit !== undefined);
}

/**
 * `followPages` from the front, or (see walksBothEnds) from both ends at once: `fetchBack` asks the same list in the
 * other order. The first request goes alone (a list of one page costs one request), then one from each end at a time.
 */
export async function* followFromBothEnds<T extends { id: string }>(
  fetchFront: FetchPage<T>,
  fetchBack: FetchPage<T>,
  nextCursor: NextCursor<T>,
  start: { after?: string; limit?: number },
  options: FollowOptions = {},
): AsyncGenerator<ListEnvelope<T>> {
  if (!walksBothEnds(start, options)) return yield* followPages(fetchFront, nextCursor, start, options);
  const limit = options.limitAsGiven ? start.limit : (start.limit ?? FOLLOW_PAGE_SIZE);
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const front = new End<T>(fetchFront, nextCursor);
  const back = new End<T>(fetchBack, nextCursor);
  // The far end's pages as they came, each with its items not seen before; given reversed once the ends meet.
  const held: PagePart<T>[] = [];
  let bothWays = true;
  let pages = 0;
  // The far end's request of the last round: a walk that ends well ends once it is answered too (no request outlives it).
  let settled: Promise<unknown> = Promise.resolve();
  try {
    for (;;) {
      if (pages >= maxPages) throw new MaxPagesError(maxPages);
      const withBack = bothWays && pages > 0 && pages + 2 <= maxPages;
      const frontAsked = front.ask(limit);
      const backAsked = withBack ? back.ask(limit) : undefined;
      pages += withBack ? 2 : 1;
      // Awaited once the front page is given (printed as it comes); a failure the walk never reaches is nobody's.
      settled = backAsked?.catch(() => undefined) ?? settled;
      const frontPage = await frontAsked;
      const frontMeets = bothWays ? back.meets(frontPage) : undefined;
      if (frontMeets?.atFrontier) {
        const cut: PagePart<T> = { source: frontPage, from: 0, to: frontMeets.index, reversed: false };
        // The last page given said more: the walk went on after it.
        return yield* meet([cut, ...farHalf(held)], true);
      }
      if (frontMeets) bothWays = false;
      yield frontPage;
      front.take(frontPage, frontPage.data.length);
      // The far end's answer counts only while both ways hold (else its failure would fail a walk that needs it not).
      const backPage = bothWays ? await backAsked : undefined;
      if (backPage) {
        const backMeets = front.meets(backPage);
        if (backMeets?.atFrontier)
          return yield* meet(farHalf([...held, { source: backPage, from: 0, to: backMeets.index, reversed: true }]), frontPage.has_more);
        // Back at the start without meeting the front (or meeting it out of order): only the front's walk can be trusted.
        if (backMeets || back.ended(backPage)) bothWays = false;
        else {
          held.push({ source: backPage, from: 0, to: backPage.data.length, reversed: true });
          back.take(backPage, backPage.data.length);
          back.follow(backPage);
        }
      }
      if (!bothWays) held.length = 0;
      // The front reached the end on its own: the one-way walk, whole (what the far end saw and the front did not is gone).
      if (front.ended(frontPage)) return;
      front.follow(frontPage);
    }
  } catch (error) {
    // A failed walk says so at once, not after the far end's answer.
    settled = Promise.resolve();
    throw error;
  } finally {
    await settled;
  }
}

/** The far end's pieces, last first: in the order asked. */
const farHalf = <T>(held: PagePart<T>[]): PagePart<T>[] => [...held].reverse();

/** One cursor: what it has seen, its last item (the frontier the other end must meet) and its cursors (a loop check). */
class End<T extends { id: string }> {
  private readonly ids = new Set<string>();
  private last: string | undefined;
  private readonly cursors = new Set<string>();
  private after: string | undefined;

  constructor(
    private readonly fetch: FetchPage<T>,
    private readonly nextCursor: NextCursor<T>,
  ) {}

  ask(limit: number | undefined): Promise<ListEnvelope<T>> {
    return this.fetch(this.after, limit);
  }

  /** Where the other end's page reaches this end's items; met for sure only at this end's last item. */
  meets(page: ListEnvelope<T>): { index: number; atFrontier: boolean } | undefined {
    const index = page.data.findIndex((item) => this.ids.has(item.id));
    return index < 0 ? undefined : { index, atFrontier: page.data[index]!.id === this.last };
  }

  take(page: ListEnvelope<T>, to: number): void {
    for (const item of page.data.slice(0, to)) this.ids.add(item.id);
    this.last = page.data[to - 1]?.id ?? this.last;
  }

  /** Only `true` means more, as in followPages. */
  ended(page: ListEnvelope<T>): boolean {
    return page.has_more !== true || page.data.length === 0 || !this.nextCursor(page);
  }

  follow(page: ListEnvelope<T>): void {
    const cursor = this.nextCursor(page)!;
    if (this.cursors.has(cursor)) {
      throw new InvalidResponseError(`the server returned the cursor ${cursor} a second time: stopping to avoid a loop`);
    }
    this.cursors.add(cursor);
    this.after = cursor;
  }
}

/**
 * The rest of the walk once the ends met: the front page up to the meeting, then the far end's items reversed. The
 * last page says there is no more; so does an empty one when nothing is left to give and the last page given said more.
 */
function* meet<T extends { id: string }>(pieces: PagePart<T>[], lastSaidMore: boolean): Generator<ListEnvelope<T>> {
  const given = pieces.filter((piece) => piece.to > piece.from);
  if (given.length === 0 && lastSaidMore) yield { object: 'list', data: [], first_id: null, last_id: null, has_more: false };
  for (const [i, piece] of given.entries()) yield pageOf(piece, i < given.length - 1);
}

function pageOf<T extends { id: string }>(piece: PagePart<T>, hasMore: boolean): ListEnvelope<T> {
  const data = piece.source.data.slice(piece.from, piece.to);
  if (piece.reversed) data.reverse();
  const page: ListEnvelope<T> = { object: 'list', data, first_id: data[0]!.id, last_id: data.at(-1)!.id, has_more: hasMore };
  parts.set(page, piece);
  return page;
}

/** The order the far end walks in; the API's default is descending. */
export const otherOrder = (order: Order | undefined): Order => (order === 'ascending' ? 'descending' : 'ascending');
