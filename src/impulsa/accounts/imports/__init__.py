"""Bulk student import from CSV or XLSX files.

columns.py   which columns a file has (Spanish headers, aliases) and the downloadable templates
reading.py   CSV (UTF-8 or Windows-1252, comma or semicolon) and XLSX into numbered rows
validation.py every row checked against the rules and the database before anything is written
writing.py   the bulk write of users, student profiles and memberships
progress.py  progress published through the cache while a job runs
service.py   start_import / process_import, the entry points views, REST and Celery use
"""
