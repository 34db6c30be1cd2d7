"""Patient leaflets: folds, practice details, imposition and plain-language checks."""
