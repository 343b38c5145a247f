"""A corpus of broken inputs: each case is the 2022 sample with one small, declared change."""
