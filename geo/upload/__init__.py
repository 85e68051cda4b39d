"""Users' own files: read them safely, check them, geocode names, report findings."""
