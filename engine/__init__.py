"""Pure domain logic for KiểuMẫu: no Django imports here.

The rule engine (expression language, framework files, evaluation, input
validation) lives in this package so it can be tested fast and reused by the
web app, the management commands and the benchmark alike.
"""
