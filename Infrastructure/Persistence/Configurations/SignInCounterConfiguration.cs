using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenVersioning.Domain.SignIn;
using TokenVersioning.Domain.Users;

namespace TokenVersioning.Infrastructure.Persistence.Configurations;

internal sealed class SignInCounterConfiguration : IEntityTypeConfiguration<SignInCounter>
{
    public void Configure(EntityTypeBuilder<SignInCounter> builder)
    {
        builder.ToTable("SignInCounters");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(SignInCounter.KeyMaxLength);
        builder.Property(c => c.NormalizedEmail).HasMaxLength(User.EmailMaxLength).IsRequired();
        builder.HasIndex(c => c.NormalizedEmail);
    }
}
