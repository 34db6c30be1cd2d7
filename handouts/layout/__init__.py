"""Layout stage: block markup → a reportlab document and its story, ready to write."""
