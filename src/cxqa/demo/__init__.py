"""Demo data: a believable Vietnamese customer-service data set with patterns worth finding."""

from cxqa.demo.agents import AgentProfile
from cxqa.demo.generator import DemoSpec, agent_profiles, generate_demo

__all__ = ["AgentProfile", "DemoSpec", "agent_profiles", "generate_demo"]
