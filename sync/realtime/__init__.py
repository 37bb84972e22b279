"""Real-time sync over WebSocket (docs/realtime.md)."""
