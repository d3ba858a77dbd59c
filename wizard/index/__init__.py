"""The PyTorch package index as ground truth: read it (collector side), cache it, and merge its answer into the
knowledge base before diagnosis (pure side). See docs/architecture.md, "Live package index"."""
