"""Randomized written exams: banks and specs in, versions with answer keys out.

    spec, bank = load_exam(path)        # spec.py, bank.py: checked, with lines
    versions = sample(spec, bank)       # sampler.py: pure, seeded
    text = key_csv(versions)            # keycsv.py: the rows of key.csv
"""

from handouts.exam.bank import load_bank
from handouts.exam.keycsv import key_csv, key_rows, overview
from handouts.exam.sampler import check_exam, sample
from handouts.exam.spec import load_exam, load_roster, load_spec

__all__ = ["check_exam", "key_csv", "key_rows", "load_bank", "load_exam", "load_roster",
           "load_spec", "overview", "sample"]
