"""The item bank: items and their versions, the builder, activity pickers, import and export."""
