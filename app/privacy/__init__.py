"""Privacy (AVG): data export, deletion or anonymisation, and expiry of inactive accounts."""
