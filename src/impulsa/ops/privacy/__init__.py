"""The privacy duties of a public body under Mexico's LGPDPPSO: the privacy notice and
its acceptance log, ARCO requests, blocking then deletion, retention classes, the
register of data shared with dual companies and each person's data export."""
