/** Kind of a corpus document: a news article or an official document. */
export type DocType = "news" | "document";

/** One document of the corpus, whatever file format it came from. */
export interface CorpusDoc {
  /** The corpus id exactly as given (ids like `45/2019/QH14#47` occur), or one derived stably from the path. */
  id: string;
  type: DocType;
  title: string;
  body: string;
  /** Publication or signing date, `YYYY-MM-DD`. */
  date: string | null;
  /** Time of day of publication, `HH:MM`, when the source shows it. */
  time?: string | null;
  url: string | null;
  /** Official number as written in the source, e.g. `21-KL/TW`. */
  number: string | null;
  issuer: string | null;
  /** Where the text comes from (site or collection name). */
  source: string | null;
  tags: string[];
  /** An official document's kind as printed (`Quyết định`, `Bộ luật`), when read from its layout. */
  kind?: string | null;
  /** Who signed the document, when read from its signature block. */
  signer?: string | null;
  /** The original file of a document published as a PDF or Word file, kept under its hash. */
  file?: DocFile | null;
}

/** The original file a document was read from (its bytes are kept outside the index, under `sha256`). */
export interface DocFile {
  sha256: string;
  /** File name as published (`qd-123.pdf`). */
  name: string;
  mime: string;
  /** Size, bytes. */
  bytes: number;
}

/** A document ranked for a query. */
export interface Hit {
  docId: string;
  title: string;
  score: number;
}

/** The sentence that answers a question, with its figure and source. */
export interface Answer {
  /** The sentence(s) that answer, at most 400 characters. */
  text: string;
  /** The figure as written in the text (`7.210`, `361,503 tỷ đồng`), or null when the answer is not a figure. */
  figure: string | null;
  docId: string;
  title: string;
  url: string | null;
  date: string | null;
}

/** What `ask` returns for one question; the shape of the `ask --json` contract. */
export interface AskResult {
  question: string;
  answer: Answer | null;
  hits: Hit[];
}

/** Options of {@link Engine.ask}. */
export interface AskOptions {
  /** How many documents to return in `hits`. Defaults to 5. */
  top?: number;
}

/** Options of {@link Engine.search}. */
export interface SearchOptions {
  /** Page size. Defaults to 5. */
  limit?: number;
  /** Results to skip. Defaults to 0. */
  offset?: number;
  /** Only documents of this type. Defaults to both. */
  type?: DocType;
}

/** A page of documents. */
export interface DocPage {
  total: number;
  docs: CorpusDoc[];
}

/** A page of ranked documents. */
export interface SearchPage {
  total: number;
  hits: Array<{ doc: CorpusDoc; score: number }>;
}

/** The search and question-answering engine over the corpus. Pure: no I/O. */
export interface Engine {
  /** Answers a question: the sentence that answers (or null), and the top documents. */
  ask(question: string, options?: AskOptions): AskResult;
  /** Full-text search, best first. */
  search(query: string, options?: SearchOptions): SearchPage;
  /** Newest documents first (by date, then insertion order). */
  latest(options?: SearchOptions): DocPage;
  /** Documents whose official number equals the one given (normalised, e.g. `21-kl/tw` finds `21-KL/TW`). */
  byNumber(number: string): CorpusDoc[];
  /** One document by id. */
  get(id: string): CorpusDoc | undefined;
  /** Adds or replaces a document without a full rebuild. */
  add(doc: CorpusDoc): void;
  /** Removes a document; returns whether it was there. */
  remove(id: string): boolean;
  /** Number of documents. */
  readonly size: number;
}
