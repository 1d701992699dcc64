// The importers land here (issue 11); the subpath resolves from the start so the exports map
// and the package checks cover it.
export {};
