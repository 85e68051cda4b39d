"""Pure geodata functions of the GBA Innovation Layout Map: load, validate, geocode, export."""
