"""One compatibility policy: the machine read once from the snapshot (machine.py), pure predicates on it
(compat.py), and the validator every recommendation and RUN action passes before it is shown (validate.py)."""
