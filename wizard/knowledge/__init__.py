"""The knowledge base: resources/knowledge/*.json, validated once, as the typed tables of .model."""

from wizard.knowledge.loader import KnowledgeError, load_knowledge
from wizard.knowledge.model import Knowledge, capability_covered

__all__ = ["Knowledge", "KnowledgeError", "capability_covered", "load_knowledge"]
