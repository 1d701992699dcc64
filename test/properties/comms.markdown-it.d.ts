// markdown-it ships no types; the comms property suite only needs this much of it.
declare module 'markdown-it' {
  interface LinkifyIt {
    set(options: { fuzzyLink?: boolean; fuzzyEmail?: boolean; fuzzyIP?: boolean }): LinkifyIt;
    test(text: string): boolean;
  }
  export default class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean; typographer?: boolean });
    linkify: LinkifyIt;
    render(src: string): string;
  }
}
