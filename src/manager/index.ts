// createIncidentManager lands here (issue 9); the subpath resolves from the start so the
// exports map and the package checks cover it.
export {};
