namespace FakeUpstream;

/// <summary>One event of a <see cref="ScriptedStream"/>: its bytes as sent, and whether it carries generated text.</summary>
internal sealed record StreamEvent(byte[] Bytes, bool IsDelta);
