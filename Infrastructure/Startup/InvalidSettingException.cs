namespace TokenVersioning.Infrastructure.Startup;

/// <summary>A setting that stops start-up; the message names the key and what is wrong with it, in one line.</summary>
public sealed class InvalidSettingException(string message) : Exception(message);
