"""After the exam: students' answers → points, grades, result slips and item analysis.

    spec + bank ─► sample (the same draw as the build) ─► key per version
    responses (CSV / xlsx) ─► read (path:line per row) ─► score per question
    ─► grade (cesuur, guessing correction, N-term) ─► statistics ─► files

`make.grade_exam` is the one verb; `handouts grade` calls it.
"""
