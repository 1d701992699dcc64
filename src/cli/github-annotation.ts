/**
 * A GitHub Actions workflow command (`::error file=…,line=…,title=…::message`), escaped as the
 * runner's toolkit does: `%`, CR and LF in the message; also `:` and `,` in property values, so no
 * text (an action item title, a file name) can end the command early or start another one.
 */
export function githubAnnotation(
  level: 'error' | 'warning' | 'notice',
  message: string,
  properties: {
    readonly file?: string | undefined;
    readonly line?: number | undefined;
    readonly title?: string | undefined;
  },
): string {
  const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const props = [
    properties.file !== undefined && `file=${property(properties.file)}`,
    properties.line !== undefined && `line=${properties.line}`,
    properties.title !== undefined && `title=${property(properties.title)}`,
  ].filter(Boolean);
  return `::${level}${props.length > 0 ? ` ${props.join(',')}` : ''}::${data(message)}`;
}
