"""Chat-assistant plugin: conversation hook, MCP server, tool schemas."""
